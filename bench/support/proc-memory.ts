/**
 * A child's memory from Linux's /proc: its RSS and peak RSS (VmHWM), and resetting that peak so the
 * next reading is one phase's own.
 */
import fs from "node:fs";

/** `VmRSS` or `VmHWM` of `/proc/<pid>/status`, in MB; NaN when the kernel does not report it. */
export function statusMb(pid: number, field: "VmHWM" | "VmRSS"): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** Linux resets the peak to the current RSS on "5" (proc(5), clear_refs); false where it cannot (not Linux 4.0+, no permission). */
export function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}
