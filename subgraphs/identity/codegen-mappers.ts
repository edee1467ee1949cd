/** Maps GraphQL types to what the resolvers return for them (see codegen.ts). */
export const mappers = {
  User: '../user/user.entity#User',
  Organization: '../organization/organization.entity#Organization',
  Membership: '../organization/membership.entity#Membership',
};
