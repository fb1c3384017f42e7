// Runs inside the dashboard's page, not in Node: test/browser/pages.test.ts reads this file and
// evaluates it there (plain JavaScript, so the DOM needs no types in the Node test project).
// The accessibility and layout checks the page test makes on every dashboard page. axe-core is not
// among the project's packages, so this checks with the DOM what axe's serious rules check: every
// form control, button, link and table has an accessible name, images have alt text, one `main`
// landmark, an h1 and headings in order, no duplicate ids, nothing focusable hidden from assistive
// technology or out of the tab order, and WCAG AA contrast (4.5:1, 3:1 for large text) of visible
// text over its composited background. The layout check finds what makes the page scroll sideways
// and interactive elements drawn over each other.
function auditPage(options) {
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
  const byIds = (ids) =>
    (ids ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
      .join(" ")
      .trim();
  const nameOf = (el) => {
    const labelledBy = byIds(el.getAttribute("aria-labelledby"));
    if (labelledBy) return labelledBy;
    const aria = el.getAttribute("aria-label")?.trim();
    if (aria) return aria;
    if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
      const labels = Array.from(el.labels ?? [])
        .map((l) => l.textContent?.trim() ?? "")
        .join(" ")
        .trim();
      if (labels) return labels;
      if (el instanceof HTMLInputElement && ["submit", "button", "reset"].includes(el.type) && el.value)
        return el.value;
      const placeholder = el.getAttribute("placeholder")?.trim();
      if (placeholder) return placeholder;
    } else {
      const text = el.innerText?.trim() || el.textContent?.trim();
      if (text) return text;
      const alts = Array.from(el.querySelectorAll("img[alt], svg[aria-label]"))
        .map((i) => i.getAttribute("alt") ?? i.getAttribute("aria-label") ?? "")
        .join(" ")
        .trim();
      if (alts) return alts;
    }
    return el.getAttribute("title")?.trim() ?? "";
  };
  const controls = document.querySelectorAll("input:not([type=hidden]), select, textarea");
  for (const el of Array.from(controls)) if (!nameOf(el)) problems.push(`form control without a name: ${describe(el)}`);
  for (const el of Array.from(document.querySelectorAll("button, a[href], [role=button], [role=link], [role=tab]")))
    if (visible(el) && !nameOf(el)) problems.push(`button or link without a name: ${describe(el)}`);
  for (const el of Array.from(document.querySelectorAll("img")))
    if (!el.hasAttribute("alt")) problems.push(`image without alt: ${describe(el)}`);
  for (const el of Array.from(document.querySelectorAll("table")))
    if (visible(el) && !nameOf(el) && !el.querySelector("caption"))
      problems.push(`table without a name: ${describe(el)}`);
  const mains = document.querySelectorAll("main, [role=main]");
  if (mains.length !== 1) problems.push(`${mains.length} main landmarks (want 1)`);
  const headings = Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6")).filter(visible);
  if (headings.filter((h) => h.tagName === "H1").length < 1) problems.push("no h1");
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.tagName.slice(1));
    if (previous && level > previous + 1) problems.push(`heading skips from h${previous} to h${level}: ${describe(h)}`);
    if (!h.textContent?.trim()) problems.push(`empty heading: ${describe(h)}`);
    previous = level;
  }
  const seen = /* @__PURE__ */ new Map();
  for (const el of Array.from(document.querySelectorAll("[id]"))) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
  for (const [id, count] of seen) if (count > 1) problems.push(`id "${id}" used ${count} times`);
  const focusable = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex], summary";
  for (const el of Array.from(document.querySelectorAll(focusable))) {
    if (!visible(el) || el.disabled) continue;
    if (el.tabIndex < 0 && el.getAttribute("tabindex") !== "-1")
      problems.push(`interactive element out of the tab order: ${describe(el)}`);
    if (el.closest("[aria-hidden=true]")) problems.push(`focusable inside aria-hidden: ${describe(el)}`);
  }
  for (const el of Array.from(document.querySelectorAll("[role=button], [role=link], [role=tab]")))
    if (visible(el) && el.tabIndex < 0 && !el.matches(focusable))
      problems.push(`role without keyboard access: ${describe(el)}`);
  if (options.contrast) {
    const parse = (color) => {
      const m = color.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const parts = m[1]
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const over = (top, bottom) => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
    };
    const luminance = (rgb) => {
      const [r, g, b] = rgb.slice(0, 3).map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const background = (el) => {
      const layers = [];
      for (let node = el; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.backgroundImage !== "none") return null;
        const color = parse(style.backgroundColor);
        if (color[3] > 0) layers.push(color);
        if (color[3] >= 1) break;
      }
      let result = [255, 255, 255, 1];
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const checked = /* @__PURE__ */ new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || checked.has(el) || !node.textContent?.trim()) continue;
      checked.add(el);
      if (!visible(el) || el.closest("[aria-hidden=true], option, :disabled, [aria-disabled=true]")) continue;
      const style = getComputedStyle(el);
      if (Number(style.opacity) === 0) continue;
      const bg = background(el);
      if (!bg) continue;
      const fg = over(parse(style.color), bg);
      const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const want = large ? 3 : 4.5;
      if (ratio < want)
        problems.push(
          `contrast ${ratio.toFixed(2)}:1 < ${want}:1 (${style.color} on rgb(${bg.slice(0, 3).map(Math.round).join(",")})): ${describe(el)}`,
        );
    }
  }
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
