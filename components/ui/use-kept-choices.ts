"use client";

import { useEffect, useRef, type FormEvent } from "react";

type Choice = { kind: "select"; values: string[] } | { kind: "check"; checked: boolean };

/**
 * React resets a form after its server action completes: every field goes back to its default.
 * Text fields render their defaults from the saved (or echoed) values, but a <select>, checkbox
 * or radio keeps the default of its *first* render, so a form that stays on the page would show
 * (and then submit) stale choices: "Active" saved, "Draft" shown, the next save unpublishes.
 * This puts the choices that were submitted back after each answer, which is what was saved
 * (success) or what the user is correcting (error).
 */
export function useKeptChoices(answer: unknown) {
  const submitted = useRef<Map<Element, Choice> | null>(null);

  function onSubmitCapture(event: FormEvent<HTMLFormElement>) {
    const choices = new Map<Element, Choice>();
    for (const el of Array.from(event.currentTarget.elements)) {
      if (el instanceof HTMLSelectElement) {
        choices.set(el, {
          kind: "select",
          values: Array.from(el.selectedOptions).map((o) => o.value),
        });
      } else if (
        el instanceof HTMLInputElement &&
        (el.type === "checkbox" || el.type === "radio")
      ) {
        choices.set(el, { kind: "check", checked: el.checked });
      }
    }
    submitted.current = choices;
  }

  useEffect(() => {
    const choices = submitted.current;
    if (!choices) return;
    submitted.current = null;
    for (const [el, choice] of choices) {
      if (!el.isConnected) continue;
      if (choice.kind === "select" && el instanceof HTMLSelectElement) {
        for (const option of Array.from(el.options)) {
          option.selected = choice.values.includes(option.value);
          // The reset target too, so a later reset keeps the saved choice.
          option.defaultSelected = option.selected;
        }
      } else if (choice.kind === "check" && el instanceof HTMLInputElement) {
        el.checked = choice.checked;
        el.defaultChecked = choice.checked;
      }
    }
  }, [answer]);

  return onSubmitCapture;
}
