/** The API's rule for a new password (PersonInput, AcceptInvitationInput): checked before sending. */
export const MIN_PASSWORD_LENGTH = 12;
