/** Domain events the org context records in the outbox. Other contexts subscribe to these names. */
export const OrgEvents = {
  tenantCreated: 'org.tenant.created',
  tenantUpdated: 'org.tenant.updated',
  userCreated: 'org.user.created',
  userUpdated: 'org.user.updated',
  userSkillsChanged: 'org.user.skills_changed',
  userSessionsRevoked: 'org.user.sessions_revoked',
  siteSaved: 'org.site.saved',
  teamSaved: 'org.team.saved',
  teamMembersChanged: 'org.team.members_changed',
  skillSaved: 'org.skill.saved',
} as const;
