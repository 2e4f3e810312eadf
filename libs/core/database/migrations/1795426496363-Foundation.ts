import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795426496363 implements MigrationInterface {
  name = 'Foundation1795426496363';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "type" text NOT NULL, "queue" text NOT NULL, "payload" jsonb NOT NULL, "run_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "publish_attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_cc0c9e40998e45ecfc5e313429d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_event_unpublished_idx" ON "outbox_event"  ("id") WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "processed_event" ("event_id" bigint NOT NULL, "consumer" text NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df88f54e67ec5c5caece922a498" PRIMARY KEY ("event_id", "consumer"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" bigint NOT NULL, "recipient" text NOT NULL, "subject" text NOT NULL, "body" text NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_122be1f0696e0255acf95f9e336" UNIQUE ("event_id"), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "organisation_id" uuid, "actor_user_id" uuid, "actor_organisation_id" uuid, "actor_api_key_id" uuid, "before" jsonb, "after" jsonb, "request_id" text, CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_entry_organisation_idx" ON "audit_entry"  ("organisation_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_record" ("scope" text NOT NULL, "key" text NOT NULL, "operation" text NOT NULL, "request_hash" text NOT NULL, "result_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_43ea3d50a854b79e2f59aaad8a8" PRIMARY KEY ("scope", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "siret" character(14) NOT NULL, "siren" character(9) NOT NULL, "name" text NOT NULL, "kinds" text array NOT NULL, "size_class" text NOT NULL, "headcount" integer NOT NULL, "department_code" text NOT NULL, "region_code" text NOT NULL, "city" text, "sales_contact" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_9dfed69cdf199fea5a1bd463f63" UNIQUE ("siret"), CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "organisation_region_idx" ON "organisation"  ("region_code", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "organisation_name_idx" ON "organisation"  ("name", "id") `);
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "full_name" text NOT NULL, "password_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "roles" text array NOT NULL, "filiere_code" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "membership_org_idx" ON "membership"  ("organisation_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "membership_user_org_idx" ON "membership"  ("user_id", "organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "email" text NOT NULL, "roles" text array NOT NULL, "token_hash" text NOT NULL, "invited_by" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_b827d3749ffbb3b5ab5099afd64" UNIQUE ("token_hash"), CONSTRAINT "PK_beb994737756c0f18a1c1f8669c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "invitation_org_idx" ON "invitation"  ("organisation_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" text NOT NULL, "family_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "rotated_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_f0812282fad2e352cdaf83ef0a9" UNIQUE ("token_hash"), CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "refresh_token_family_idx" ON "refresh_token"  ("family_id") `);
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "name" text NOT NULL, "prefix" text NOT NULL, "secret_hash" text NOT NULL, "scopes" text array NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_c4f6ccad30c0862eb54af9fb0ac" UNIQUE ("prefix"), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "api_key_org_idx" ON "api_key"  ("organisation_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "filiere" ("code" text NOT NULL, "name" text NOT NULL, CONSTRAINT "UQ_e8a8ea76a64649ed14f04cd7c82" UNIQUE ("name"), CONSTRAINT "PK_5892c62900b06377289ddb60990" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "filiere_membership" ("organisation_id" uuid NOT NULL, "filiere_code" text NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c702ab48831417f9ddbdc23e459" PRIMARY KEY ("organisation_id", "filiere_code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "filiere_membership_filiere_idx" ON "filiere_membership"  ("filiere_code", "organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "subcontracting_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "subcontractor_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'PENDING', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3fb06b252411f19f69985053adc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "subcontracting_link_subcontractor_idx" ON "subcontracting_link"  ("subcontractor_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "subcontracting_link_pair_idx" ON "subcontracting_link"  ("group_id", "subcontractor_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_be659e88cd5ed71eef6d4122aac" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "FK_913833c1541e680e8112131222f" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_9f300ef0627f98710fc82a0b333" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "FK_656bf45bf240ad0a5aced63ae53" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "filiere_membership" ADD CONSTRAINT "FK_e7baff035dfe5177138aa8c5109" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "filiere_membership" ADD CONSTRAINT "FK_63069321b32332a08340bc681ba" FOREIGN KEY ("filiere_code") REFERENCES "filiere"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontracting_link" ADD CONSTRAINT "FK_79d76093baff35366e265e6074d" FOREIGN KEY ("group_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontracting_link" ADD CONSTRAINT "FK_77d442b39eb2a57c9e9a9689fdc" FOREIGN KEY ("subcontractor_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // Hand-written: what entity metadata cannot express.
    // One account per e-mail, whatever its case.
    await queryRunner.query(`CREATE UNIQUE INDEX "app_user_email_idx" ON "app_user" (lower("email"))`);
    // Wakes the outbox relay as soon as an event commits (polling remains the fallback).
    await queryRunner.query(
      `CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('outbox_event', ''); RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER outbox_event_notify AFTER INSERT ON "outbox_event" FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify()`,
    );
    // The audit log is append-only.
    await queryRunner.query(
      `CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_entry is append-only'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON "audit_entry" FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`,
    );
    // Reference data: the 18 filières of the Conseil national de l'industrie.
    await queryRunner.query(
      `INSERT INTO "filiere" ("code", "name") VALUES ('aeronautique', 'Aéronautique'), ('alimentaire', 'Alimentaire'), ('automobile', 'Automobile'), ('bois', 'Bois'), ('chimie-materiaux', 'Chimie et matériaux'), ('eau', 'Eau'), ('ferroviaire', 'Ferroviaire'), ('industries-mer', 'Industries de la mer'), ('industries-securite', 'Industries de sécurité'), ('nouveaux-systemes-energetiques', 'Industries des nouveaux systèmes énergétiques'), ('industries-electroniques', 'Industries électroniques'), ('technologies-sante', 'Industries et technologies de santé'), ('industries-construction', 'Industries pour la construction'), ('infrastructures-numeriques', 'Infrastructures numériques'), ('mines-metallurgie', 'Mines et métallurgie'), ('mode-luxe', 'Mode et luxe'), ('nucleaire', 'Nucléaire'), ('dechets', 'Transformation et valorisation des déchets')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_entry_append_only ON "audit_entry"`);
    await queryRunner.query(`DROP FUNCTION audit_entry_append_only`);
    await queryRunner.query(`DROP TRIGGER outbox_event_notify ON "outbox_event"`);
    await queryRunner.query(`DROP FUNCTION outbox_event_notify`);
    await queryRunner.query(`DROP INDEX "app_user_email_idx"`);
    await queryRunner.query(
      `ALTER TABLE "subcontracting_link" DROP CONSTRAINT "FK_77d442b39eb2a57c9e9a9689fdc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "subcontracting_link" DROP CONSTRAINT "FK_79d76093baff35366e265e6074d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "filiere_membership" DROP CONSTRAINT "FK_63069321b32332a08340bc681ba"`,
    );
    await queryRunner.query(
      `ALTER TABLE "filiere_membership" DROP CONSTRAINT "FK_e7baff035dfe5177138aa8c5109"`,
    );
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_656bf45bf240ad0a5aced63ae53"`);
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_9f300ef0627f98710fc82a0b333"`);
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "FK_913833c1541e680e8112131222f"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_be659e88cd5ed71eef6d4122aac"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d"`);
    await queryRunner.query(`DROP INDEX "public"."subcontracting_link_pair_idx"`);
    await queryRunner.query(`DROP INDEX "public"."subcontracting_link_subcontractor_idx"`);
    await queryRunner.query(`DROP TABLE "subcontracting_link"`);
    await queryRunner.query(`DROP INDEX "public"."filiere_membership_filiere_idx"`);
    await queryRunner.query(`DROP TABLE "filiere_membership"`);
    await queryRunner.query(`DROP TABLE "filiere"`);
    await queryRunner.query(`DROP INDEX "public"."api_key_org_idx"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_token_family_idx"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP INDEX "public"."invitation_org_idx"`);
    await queryRunner.query(`DROP TABLE "invitation"`);
    await queryRunner.query(`DROP INDEX "public"."membership_user_org_idx"`);
    await queryRunner.query(`DROP INDEX "public"."membership_org_idx"`);
    await queryRunner.query(`DROP TABLE "membership"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."organisation_name_idx"`);
    await queryRunner.query(`DROP INDEX "public"."organisation_region_idx"`);
    await queryRunner.query(`DROP TABLE "organisation"`);
    await queryRunner.query(`DROP TABLE "idempotency_record"`);
    await queryRunner.query(`DROP INDEX "public"."audit_entry_organisation_idx"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP TABLE "processed_event"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_event_unpublished_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_event"`);
  }
}
