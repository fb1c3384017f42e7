// Runs inside the dashboard's page, not in Node: test/browser/pages.test.ts reads this file and
// evaluates it there (plain JavaScript, so the DOM needs no types in the Node test project).
// What the page test checks beside axe-core (test/browser/axe.ts), because axe does not: every id
// is used once (axe's duplicate-id rule is deprecated and off), no control is taken out of the tab
// order by a negative tabindex other than -1, and an element with role button/link/tab can be
// reached with the keyboard. The layout check finds what makes the page scroll sideways and
// interactive elements drawn over each other.
function auditPage() {
  const problems = [];
  const describe = (el) => {
    const id = el.id ? `#${el.id}` : "";
    const cls =
      typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
    const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id}${cls}>${text ? ` "${text}"` : ""}`;
  };
  const visible = (el) => {
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && el.closest("[hidden]") === null;
  };
  const seen = /* @__PURE__ */ new Map();
  for (const el of Array.from(document.querySelectorAll("[id]"))) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
  for (const [id, count] of seen) if (count > 1) problems.push(`id "${id}" used ${count} times`);
  const focusable = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex], summary";
  for (const el of Array.from(document.querySelectorAll(focusable))) {
    if (!visible(el) || el.disabled) continue;
    if (el.tabIndex < 0 && el.getAttribute("tabindex") !== "-1")
      problems.push(`interactive element out of the tab order: ${describe(el)}`);
  }
  for (const el of Array.from(document.querySelectorAll("[role=button], [role=link], [role=tab]")))
    if (visible(el) && el.tabIndex < 0 && !el.matches(focusable))
      problems.push(`role without keyboard access: ${describe(el)}`);
  return problems;
}
function layoutProblems() {
  const problems = [];
  const describe = (el) => {
    const cls =
      typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
    const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 30);
    return `<${el.tagName.toLowerCase()}${cls}>${text ? ` "${text}"` : ""}`;
  };
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    const scrolls = (el) => ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(el).overflowX);
    const culprits = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const rect = el.getBoundingClientRect();
      if (rect.right <= width + 1 || rect.width === 0) continue;
      let inside = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) inside = true;
      const parent = el.parentElement;
      const parentOverflows = parent && parent !== document.body && parent.getBoundingClientRect().right > width + 1;
      if (!inside && !parentOverflows) culprits.push(`${describe(el)} reaches ${Math.round(rect.right)}px`);
    }
    problems.push(
      `page scrolls sideways (${document.documentElement.scrollWidth}px > ${width}px): ${culprits.slice(0, 5).join("; ")}`,
    );
  }
  const interactive = Array.from(
    document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, [role=button]"),
  ).filter((el) => {
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return rect.width > 0 && rect.height > 0 && style.visibility !== "hidden" && el.closest("[hidden]") === null;
  });
  const clipped = (el, x, y) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (["visible"].includes(getComputedStyle(p).overflow)) continue;
      const r = p.getBoundingClientRect();
      if (x < r.left || x > r.right || y < r.top || y > r.bottom) return true;
    }
    return false;
  };
  for (let i = 0; i < interactive.length; i++)
    for (let j = i + 1; j < interactive.length; j++) {
      const a = interactive[i];
      const b = interactive[j];
      if (a.contains(b) || b.contains(a)) continue;
      const ra = a.getBoundingClientRect();
      const rb = b.getBoundingClientRect();
      const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (w <= 2 || h <= 2) continue;
      const cx = Math.max(ra.left, rb.left) + w / 2;
      const cy = Math.max(ra.top, rb.top) + h / 2;
      if (clipped(a, cx, cy) || clipped(b, cx, cy)) continue;
      if (a.closest("label") && a.closest("label") === b.closest("label")) continue;
      problems.push(`overlap ${Math.round(w)}×${Math.round(h)}px: ${describe(a)} and ${describe(b)}`);
    }
  return problems;
}
