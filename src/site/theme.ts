// The theme control's logic. html[data-theme] holds an explicit choice; without it CSS follows the system
// (prefers-color-scheme). The head script (THEME_INIT in integration.ts) applies a stored choice before paint.

export type Theme = "light" | "dark";
const KEY = "theme";

function systemTheme(): Theme {
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function currentTheme(): Theme {
  const chosen = document.documentElement.dataset["theme"];
  return chosen === "light" || chosen === "dark" ? chosen : systemTheme();
}

/** Shows `theme`; remembers it unless it is what the system shows, so the page follows the system again. */
export function setTheme(theme: Theme): void {
  const root = document.documentElement;
  try {
    if (theme === systemTheme()) {
      localStorage.removeItem(KEY);
      delete root.dataset["theme"];
    } else {
      localStorage.setItem(KEY, theme);
      root.dataset["theme"] = theme;
    }
  } catch {
    root.dataset["theme"] = theme; // storage refused (private mode): apply without remembering
  }
}

export function initThemeToggle(button: HTMLButtonElement): void {
  const show = () => button.setAttribute("aria-pressed", String(currentTheme() === "dark"));
  show();
  button.addEventListener("click", () => {
    setTheme(currentTheme() === "dark" ? "light" : "dark");
    show();
  });
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", show);
}
