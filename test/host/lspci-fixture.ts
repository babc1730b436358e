/**
 * `lspci -vvvnn` output as pciutils prints it (tabs, continuation lines), for a Skylake-SP root port
 * and a C62x QAT PF behind it. `legacy` gives older pciutils' `DevCtl: Report errors:` layout.
 */
export function lspciText(options: { pfMps: number; bridgeMps: number; legacy?: boolean; domain?: boolean }): string {
  const d = options.domain ? "0000:" : "";
  const devCtl = (mps: number, readReq: number): string[] =>
    options.legacy
      ? [
          "\t\tDevCtl:\tReport errors: Correctable- Non-Fatal+ Fatal+ Unsupported-",
          "\t\t\tRlxdOrd+ ExtTag+ PhantFunc- AuxPwr- NoSnoop+ FLReset-",
          `\t\t\tMaxPayload ${mps} bytes, MaxReadReq ${readReq} bytes`,
        ]
      : [
          "\t\tDevCtl:\tCorrErr- NonFatalErr+ FatalErr+ UnsupReq-",
          "\t\t\tRlxdOrd+ ExtTag+ PhantFunc- AuxPwr- NoSnoop+ FLReset-",
          `\t\t\tMaxPayload ${mps} bytes, MaxReadReq ${readReq} bytes`,
        ];
  return [
    `${d}3a:00.0 PCI bridge [0604]: Intel Corporation Sky Lake-E PCI Express Root Port A [8086:2030] (rev 04) (prog-if 00 [Normal decode])`,
    "\tControl: I/O+ Mem+ BusMaster+ SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR- FastB2B- DisINTx+",
    "\tStatus: Cap+ 66MHz- UDF- FastB2B- ParErr- DEVSEL=fast >TAbort- <TAbort- <MAbort- >SERR- <PERR- INTx-",
    "\tLatency: 0, Cache Line Size: 32 bytes",
    "\tNUMA node: 0",
    "\tBus: primary=3a, secondary=3b, subordinate=3d, sec-latency=0",
    "\tMemory behind bridge: c5000000-c52fffff [size=3M]",
    "\tBridgeCtl: Parity- SERR+ NoISA- VGA- VGA16- MAbort- >Reset- FastB2B-",
    "\t\tPriDiscTmr- SecDiscTmr- DiscTmrStat- DiscTmrSERREn-",
    "\tCapabilities: [40] Subsystem: Intel Corporation Device [8086:0000]",
    "\tCapabilities: [90] Express (v2) Root Port (Slot-), MSI 00",
    "\t\tDevCap:\tMaxPayload 256 bytes, PhantFunc 0",
    "\t\t\tExtTag- RBE+",
    ...devCtl(options.bridgeMps, 128),
    "\t\tDevSta:\tCorrErr- NonFatalErr- FatalErr- UnsupReq- AuxPwr- TransPend-",
    "\t\tLnkCap:\tPort #9, Speed 8GT/s, Width x16, ASPM not supported",
    "\t\t\tClockPM- Surprise+ LLActRep+ BwNot+ ASPMOptComp+",
    "\t\tDevCap2: Completion Timeout: Range BCD, TimeoutDis+ NROPrPrP- LTR-",
    "\t\t\t 10BitTagComp- 10BitTagReq- OBFF Not Supported, ExtFmt- EETLPPrefix-",
    "\t\tDevCtl2: Completion Timeout: 260ms to 900ms, TimeoutDis- LTR- OBFF Disabled, ARIFwd+",
    "\t\t\t AtomicOpsCtl: ReqEn- EgressBlck-",
    "\tKernel driver in use: pcieport",
    "",
    `${d}3d:00.0 Co-processor [0b40]: Intel Corporation C62x Chipset QuickAssist Technology [8086:37c8] (rev 04)`,
    "\tSubsystem: Intel Corporation Device [8086:0000]",
    "\tControl: I/O- Mem+ BusMaster+ SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR+ FastB2B- DisINTx+",
    "\tStatus: Cap+ 66MHz- UDF- FastB2B- ParErr- DEVSEL=fast >TAbort- <TAbort- <MAbort- >SERR- <PERR- INTx-",
    "\tLatency: 0, Cache Line Size: 32 bytes",
    "\tNUMA node: 0",
    "\tIOMMU group: 40",
    "\tRegion 0: Memory at 383ffff00000 (64-bit, prefetchable) [size=256K]",
    "\tRegion 2: Memory at 383fffe00000 (64-bit, prefetchable) [size=256K]",
    "\tCapabilities: [40] Express (v2) Endpoint, MSI 00",
    "\t\tDevCap:\tMaxPayload 256 bytes, PhantFunc 0, Latency L0s <64ns, L1 <1us",
    "\t\t\tExtTag+ AttnBtn- AttnInd- PwrInd- RBE+ FLReset+ SlotPowerLimit 0W",
    ...devCtl(options.pfMps, 512),
    "\t\tDevSta:\tCorrErr- NonFatalErr- FatalErr- UnsupReq- AuxPwr- TransPend-",
    "\t\tLnkCap:\tPort #0, Speed 8GT/s, Width x16, ASPM not supported",
    "\t\t\tClockPM- Surprise- LLActRep- BwNot- ASPMOptComp+",
    "\tCapabilities: [b0] MSI-X: Enable+ Count=17 Masked-",
    "\t\tVector table: BAR=0 offset=00020000",
    "\t\tPBA: BAR=0 offset=00038000",
    "\tCapabilities: [100 v1] Advanced Error Reporting",
    "\t\tUESta:\tDLP- SDES- TLP- FCP- CmpltTO- CmpltAbrt- UnxCmplt- RxOF- MalfTLP- ECRC- UnsupReq- ACSViol-",
    "\tCapabilities: [160 v1] Single Root I/O Virtualization (SR-IOV)",
    "\t\tIOVCap:\tMigration-, Interrupt Message Number: 000",
    "\t\tIOVCtl:\tEnable+ Migration- Interrupt- MSE+ ARIHierarchy+",
    "\t\tInitial VFs: 16, Total VFs: 16, Number of VFs: 16, Function Dependency Link: 00",
    "\t\tVF offset: 1, stride: 1, Device ID: 37c9",
    "\tKernel driver in use: c6xx",
    "\tKernel modules: qat_c62x",
    "",
  ].join("\n");
}

/** The 1-based line of `text` that first contains `part`. */
export function lineOf(text: string, part: string): number {
  return text.split("\n").findIndex((l) => l.includes(part)) + 1;
}
