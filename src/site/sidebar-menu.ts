// The chapter list on a phone: the menu button opens it over the page. While it is open the page behind
// is inert and does not scroll; Escape, the button again, or following a link closes it.

export function initSidebarMenu(doc: Document): void {
  const button = doc.querySelector<HTMLButtonElement>("[data-menu-button]");
  const sidebar = doc.querySelector<HTMLElement>("[data-sidebar]");
  if (!button || !sidebar) return;
  const behind = [...doc.querySelectorAll<HTMLElement>("main, .toc-column")];

  const setOpen = (open: boolean) => {
    button.setAttribute("aria-expanded", String(open));
    sidebar.toggleAttribute("data-open", open);
    doc.documentElement.classList.toggle("menu-open", open);
    for (const element of behind) element.inert = open;
  };

  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  sidebar.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
  });
  doc.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
  // Leaving the phone layout (rotation, resize) closes the panel so nothing stays inert.
  matchMedia("(min-width: 50rem)").addEventListener("change", (event) => {
    if (event.matches) setOpen(false);
  });
}
