// The two Shiki palettes every code block and cell uses; the page shows one per theme (src/styles/code.css).
// Chosen for contrast on the site's code backgrounds: every token colour, comments included (the shape
// comments matter here), is at least 4.5:1 (github-light's and github-dark's comments are 4.4 and 3.3).
export const CODE_THEMES = { light: "github-light-high-contrast", dark: "github-dark-default" } as const;
