// Names the whole site uses.
export const SITE_TITLE = "How an MLP learns";
export const SITE_DESCRIPTION =
  "A runnable tutorial: every equation of a multi-layer perceptron beside the TypeScript cell that computes it.";
