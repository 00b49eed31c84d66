export * from "./users";
export * from "./shops";
export * from "./catalog";
export * from "./platform";
export * from "./storefront";
export * from "./stripe";
export * from "./orders";
