// Shared by the package tests: the emulator's address and fake credentials come from the
// environment the test command sets (tools/test.sh).
export const EMULATOR_URL = process.env.DESCOPE_EMULATOR_URL ?? "http://127.0.0.1:8791";
export const PROJECT_ID = process.env.DESCOPE_EMULATOR_PROJECT_ID ?? "P2emulatorProject00000000001";
export const FAKE_KEY = process.env.DESCOPE_EMULATOR_KEY ?? "K2emulator-fake-management-key";

export function uniqueLoginId(tag) {
  return `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@pkg.example.com`;
}

export async function requestCount() {
  const res = await fetch(`${EMULATOR_URL}/emulator/requests`);
  return (await res.json()).count;
}
