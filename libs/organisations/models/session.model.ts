import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Paginated } from '@masks/core';
import { ApiKey, Invitation, Membership } from '../user.entity';
import { Organisation } from '../organisation.entity';
import { AuditEntryModel } from './audit-entry.model';

@ObjectType()
export class Session {
  @Field({ description: 'Short-lived JWT for the Authorization: Bearer header' })
  accessToken: string;

  @Field(() => Int, { description: 'Seconds until the access token expires' })
  expiresIn: number;

  @Field({ description: 'Exchange it for a new session with refreshSession; single use, revocable' })
  refreshToken: string;

  @Field(() => Membership)
  membership: Membership;
}

@ObjectType()
export class SignUpPayload {
  @Field(() => Organisation)
  organisation: Organisation;

  @Field(() => Session)
  session: Session;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey: ApiKey;

  @Field(() => String, {
    nullable: true,
    description: 'The full key, shown once. Null when the request was a retry of an earlier one.',
  })
  secret: string | null;
}

@ObjectType()
export class CreatedInvitation {
  @Field(() => Invitation)
  invitation: Invitation;
}

@ObjectType()
export class OrganisationConnection extends Paginated(Organisation) {}

@ObjectType()
export class MembershipConnection extends Paginated(Membership) {}

@ObjectType()
export class InvitationConnection extends Paginated(Invitation) {}

@ObjectType()
export class AuditEntryConnection extends Paginated(AuditEntryModel) {}
