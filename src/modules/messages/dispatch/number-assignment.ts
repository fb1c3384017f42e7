/**
 * Which numbers a dispatcher takes and which it gives up, from what it sees: the numbers in play
 * (with due work, or leased by anyone) shared among the live dispatchers, each taking at most
 * ceil(numbers / dispatchers). A number has one owner at a time (its throughput window lives in
 * that owner's memory); balancing moves whole numbers between workers.
 */
export interface AssignmentView {
  /** Numbers this dispatcher holds a valid lease on. */
  held: ReadonlySet<string>;
  /** Held numbers whose pump is running (given up last: giving one up waits for its batch). */
  busy: ReadonlySet<string>;
  /** Numbers with due work, in the order to take them. */
  due: readonly string[];
  /** Numbers leased now (unexpired), by owner. */
  leased: ReadonlyMap<string, string>;
  /** Live dispatchers (heartbeats), this one included. */
  liveWorkers: number;
  owner: string;
}

export interface AssignmentPlan {
  share: number;
  /** Held numbers to give up (over the share). */
  release: string[];
  /** Numbers to try to take (free or expired, up to the share). */
  take: string[];
}

export function planAssignment(v: AssignmentView): AssignmentPlan {
  const inPlay = new Set([...v.due, ...v.leased.keys(), ...v.held]);
  const share = Math.ceil(inPlay.size / Math.max(1, v.liveWorkers));
  const dueSet = new Set(v.due);
  if (v.held.size > share) {
    // Idle numbers first, then ones with work but no pump, then running pumps.
    const rank = (n: string) => (v.busy.has(n) ? 2 : dueSet.has(n) ? 1 : 0);
    const release = [...v.held].sort((a, b) => rank(a) - rank(b) || (a < b ? 1 : -1)).slice(0, v.held.size - share);
    return { share, release, take: [] };
  }
  const room = share - v.held.size;
  const take = v.due.filter((n) => !v.held.has(n) && !isOthers(v, n)).slice(0, room);
  return { share, release: [], take };
}

const isOthers = (v: AssignmentView, n: string) => {
  const holder = v.leased.get(n);
  return holder !== undefined && holder !== v.owner;
};
