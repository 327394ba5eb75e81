// The frontmatter every chapter in content/ must have. Astro checks each chapter against it while it builds
// and prints "**chapters → 01-data** frontmatter does not match collection schema. **title**: <message>",
// so each message says what the field must be, in the author's terms.
import { z } from "astro/zod";

const FIELDS = {
  title: "a non-empty string: the chapter's heading",
  order: "a whole number ≥ 1: the chapter's place in reading order",
  summary: "one sentence of at most 200 characters for the chapter list",
  minutes: "the reading time in whole minutes, from 1 to 180",
} as const;

type Field = keyof typeof FIELDS;

/** "required: …" when the field is absent, "must be …" when it has the wrong type. */
function typeError(field: Field) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? `required: ${FIELDS[field]}` : `must be ${FIELDS[field]}`;
}

function valueError(field: Field) {
  return { error: `must be ${FIELDS[field]}` };
}

export const chapterSchema = z
  .looseObject({
    title: z
      .string({ error: typeError("title") })
      .trim()
      .min(1, valueError("title")),
    order: z
      .number({ error: typeError("order") })
      .int(valueError("order"))
      .min(1, valueError("order")),
    summary: z
      .string({ error: typeError("summary") })
      .trim()
      .min(1, valueError("summary"))
      .max(200, valueError("summary")),
    minutes: z
      .number({ error: typeError("minutes") })
      .int(valueError("minutes"))
      .min(1, valueError("minutes"))
      .max(180, valueError("minutes")),
  })
  .superRefine(
    (data, ctx) => {
      // A misspelt field (sumary) must not pass silently; name it where it is.
      for (const key of Object.keys(data)) {
        if (!(key in FIELDS)) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `unknown field: a chapter's frontmatter has only ${Object.keys(FIELDS).join(", ")}`,
          });
        }
      }
    },
    // Reported with the other fields' problems, not only once they are fixed.
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );

export type ChapterData = z.infer<typeof chapterSchema>;
