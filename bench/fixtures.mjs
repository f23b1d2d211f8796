// Realistic answers: users shaped like the reference's model (about 720 bytes of JSON each).
export function user(i) {
  return {
    userId: `U2${String(i).padStart(26, "0")}`,
    loginIds: [`user.${i}@example.com`],
    name: `User Number ${i}`,
    givenName: "User",
    middleName: "",
    familyName: `Number${i}`,
    email: `user.${i}@example.com`,
    phone: `+1555${String(i).padStart(7, "0")}`,
    verifiedEmail: true,
    verifiedPhone: i % 2 === 0,
    roleNames: ["viewer"],
    userTenants: [{ tenantId: "T2acme0000000000000000000000", tenantName: "Acme", roleNames: ["editor"], permissions: ["users.read"] }],
    status: "enabled",
    externalIds: [`user.${i}@example.com`],
    picture: `https://cdn.example.com/avatars/${i}.png`,
    test: false,
    customAttributes: { plan: "pro", seats: i % 50, beta: true },
    createdTime: 1700000000 + i,
    TOTP: false,
    SAML: false,
    SCIM: false,
    OIDC: false,
    OAuth: { google: true },
    webauthn: false,
    password: true,
    push: false,
    editable: true,
    permissions: ["users.read"],
    ssoAppIds: [],
  };
}

export const searchBody = (n) => JSON.stringify({ users: Array.from({ length: n }, (_, i) => user(i)), total: n });
export const userBody = JSON.stringify({ user: user(1) });
