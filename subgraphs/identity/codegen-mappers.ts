/** Maps GraphQL types to what the resolvers return for them (see codegen.ts). */
export const mappers = {
  User: '../users/user.entity#User',
  Organization: '../organizations/organization.entity#Organization',
  Membership: '../organizations/membership.entity#Membership',
};
