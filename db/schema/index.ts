export * from "./users";
export * from "./shops";
