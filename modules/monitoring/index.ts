export * from "./role-activity";
