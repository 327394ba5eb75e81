// What the page loads on the first Run (or the first edit, to have the worker warm by then).
export { Session, type Outcome } from "./session.ts";
export { appendOutput } from "../render.ts";
