import { loadEnvironments } from "./environments";
import { poc } from "./environments/poc";
const c: any = JSON.parse(JSON.stringify(poc));
c.tags.CostCenter = 1234;
c.workspaceConfig.maxTokenLifetimeDays = 0;
try { loadEnvironments([c], {}); console.log("ok"); } catch (e: any) { console.log(e.message); }
