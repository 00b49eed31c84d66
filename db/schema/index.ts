export * from "./users";
export * from "./shops";
export * from "./catalog";
export * from "./platform";
