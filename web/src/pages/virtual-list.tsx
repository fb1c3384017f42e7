import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

interface Props<T> {
  items: T[];
  keyOf: (item: T) => string;
  /** Every row is this tall (rem, so it follows the reader's font size); the row's CSS must fit it. */
  rowHeightRem: number;
  /** One row's content; `tabIndex` goes on its one focusable element (a roving tab stop). */
  renderRow: (item: T, tabIndex: 0 | -1) => ReactNode;
  /** The row to keep in view and to start keyboard focus on. */
  selectedKey?: string;
  /** More rows exist than `items` holds: screen readers hear an unknown set size. */
  hasMore?: boolean;
  /** Called when the rows drawn come within `overscan` of the last item (and again after each scroll). */
  onNearEnd?: () => void;
  /** Rows drawn beyond the visible ones, above and below. */
  overscan?: number;
  className?: string;
}

/**
 * A scrolling list that draws only the rows in view plus `overscan` either side, each at its
 * place in a list as tall as all of them. It stays a list to assistive technology: every row
 * says its place (`aria-posinset`) and the size of the whole (`aria-setsize`, -1 while more can
 * be loaded). One row is in the tab order (the focused, else the selected, else the first); the
 * arrow keys, Page Up/Down, Home and End move focus along the rows, drawing them as needed.
 */
export function VirtualList<T>({
  items,
  keyOf,
  rowHeightRem,
  renderRow,
  selectedKey,
  hasMore = false,
  onNearEnd,
  overscan = 8,
  className,
}: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [rowPx, setRowPx] = useState(rowHeightRem * 16);
  const [view, setView] = useState({ top: 0, height: 0 });
  /** The row that holds the tab stop, by key, so it stays the same row when rows arrive above it. */
  const [active, setActive] = useState<string>();
  const focusNext = useRef<number>(undefined);

  // The row height in pixels from the root font size, and the visible height, as they change.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => {
      setRowPx(rowHeightRem * parseFloat(getComputedStyle(document.documentElement).fontSize));
      setView({ top: element.scrollTop, height: element.clientHeight });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [rowHeightRem]);

  const count = items.length;
  const first = Math.max(0, Math.floor(view.top / rowPx) - overscan);
  const last = Math.min(count, Math.ceil((view.top + view.height) / rowPx) + overscan);
  const selectedIndex = selectedKey === undefined ? -1 : items.findIndex((item) => keyOf(item) === selectedKey);
  const activeIndex = active === undefined ? -1 : items.findIndex((item) => keyOf(item) === active);
  const stop = activeIndex >= 0 ? activeIndex : selectedIndex >= 0 ? selectedIndex : count > 0 ? 0 : -1;

  /** Scrolls just enough for row `index` to be wholly visible. */
  const reveal = (index: number) => {
    const element = scroller.current;
    if (!element) return;
    const top = index * rowPx;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowPx > element.scrollTop + element.clientHeight)
      element.scrollTop = top + rowPx - element.clientHeight;
  };

  // A newly selected row (a click, j/k, an address) comes into view once; later changes to the
  // list (a new conversation on top) leave the reader's scroll position alone.
  const revealed = useRef<string>(undefined);
  useLayoutEffect(() => {
    if (selectedKey === undefined || selectedIndex < 0 || revealed.current === selectedKey) return;
    revealed.current = selectedKey;
    setActive(undefined);
    reveal(selectedIndex);
  });

  // Focus moved by a key lands once its row is drawn.
  useEffect(() => {
    const index = focusNext.current;
    if (index === undefined) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"] [tabindex]`);
    if (row) {
      focusNext.current = undefined;
      row.focus({ preventScroll: true });
    }
  });

  const nearEnd = useRef(onNearEnd);
  nearEnd.current = onNearEnd;
  useEffect(() => {
    if (hasMore && count > 0 && last >= count - overscan) nearEnd.current?.();
  }, [hasMore, count, last, overscan]);

  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(count - 1, index));
    focusNext.current = target;
    setActive(keyOf(items[target]!));
    reveal(target);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>("[data-index]");
    if (!row) return;
    const at = Number(row.dataset.index);
    const page = Math.max(1, Math.floor(view.height / rowPx) - 1);
    const to = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + page,
      PageUp: at - page,
      Home: 0,
      End: count - 1,
    }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    moveTo(to);
  };

  const drawn: number[] = [];
  for (let i = first; i < last; i++) drawn.push(i);
  // The tab stop stays drawn when scrolled away, so Tab always finds the list and focus is not lost.
  if (stop >= 0 && (stop < first || stop >= last)) drawn.push(stop);

  return (
    <div
      ref={scroller}
      className={`virtual-list${className ? ` ${className}` : ""}`}
      onScroll={(event) => {
        const element = event.currentTarget;
        setView({ top: element.scrollTop, height: element.clientHeight });
      }}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        const row = (event.target as HTMLElement).closest<HTMLElement>("[data-index]");
        const item = row ? items[Number(row.dataset.index)] : undefined;
        if (item) setActive(keyOf(item));
      }}
    >
      <ul style={{ height: `${count * rowPx}px` }}>
        {drawn.map((index) => {
          const item = items[index]!;
          return (
            <li
              key={keyOf(item)}
              data-index={index}
              aria-posinset={index + 1}
              aria-setsize={hasMore ? -1 : count}
              style={{ top: `${index * rowPx}px`, height: `${rowPx}px` }}
            >
              {renderRow(item, index === stop ? 0 : -1)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
