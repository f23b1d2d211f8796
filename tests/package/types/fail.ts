// Must NOT compile: a number where the picture URL (a string) belongs.
import { DescopeManagement } from "descope-mgmt";

const descope = new DescopeManagement({ projectId: "P2x", managementKey: "k" });
export const wrong = descope.user.updatePicture("a@b.c", 42);
