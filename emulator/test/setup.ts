// Emulator test layer: a test fails when any reply it received (through the harness's SDK
// client or webhook receiver) does not match the pinned SDK's types; see conformance.ts.
import { afterAll, afterEach, expect } from "vitest";
import { saveStats, takeViolations } from "./conformance";

afterEach(() => {
  expect(takeViolations(), "replies that do not match the stripe SDK's types").toEqual([]);
});

afterAll(() => {
  expect(takeViolations(), "replies that do not match the stripe SDK's types").toEqual([]);
  saveStats(expect.getState().testPath ?? "unknown");
});
