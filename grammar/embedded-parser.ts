/**
 * The base of qatconf's chevrotain parsers: chevrotain's EmbeddedActionsParser, built faster.
 *
 * To record the grammar, chevrotain puts about ninety recording versions of its DSL methods
 * (`CONSUME1`, `OR2`, ...) on the parser instance, runs every rule once, and then deletes them one
 * by one so that calls reach the prototype's methods again. V8 makes each of those deletes cost tens
 * of microseconds on this object (a prototype by then: chevrotain's `toFastProperties`), 2.5 to 4 ms
 * of every start of the CLI, more than parsing a file. Pointing the same properties at the
 * prototype's methods ends the recording the same way (every call reaches the method it reached
 * before the recording) without changing the object's shape ninety times.
 *
 * Only the end of the recording changes: the grammar, its recording and its analysis stay
 * chevrotain's own. Should chevrotain rename these methods, the overrides are simply never called
 * and its own deletes run.
 */
import { EmbeddedActionsParser } from "chevrotain";

/** chevrotain's recording switches (GastRecorder), which its typings do not declare. */
interface Recorder {
  enableRecording(): void;
}

const recorder = EmbeddedActionsParser.prototype as unknown as Recorder;

export abstract class EmbeddedParser extends EmbeddedActionsParser {
  /** The own properties chevrotain's recording added: its recording DSL methods. */
  private recordingMethods: string[] = [];

  /** Called by chevrotain's performSelfAnalysis. */
  protected enableRecording(): void {
    const before = new Set(Object.keys(this));
    recorder.enableRecording.call(this);
    this.recordingMethods = Object.keys(this).filter((key) => !before.has(key));
  }

  /** Called by chevrotain's performSelfAnalysis once every rule is recorded, instead of its own. */
  protected disableRecording(): void {
    const self = this as unknown as Record<string, unknown>;
    self.RECORDING_PHASE = false;
    const prototype = Object.getPrototypeOf(this) as object;
    for (const key of this.recordingMethods) {
      const inherited: unknown = Reflect.get(prototype, key, this);
      if (inherited === undefined) delete self[key];
      else self[key] = inherited;
    }
    this.recordingMethods = [];
  }
}
