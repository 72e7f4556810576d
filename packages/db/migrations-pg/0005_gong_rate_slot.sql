CREATE TABLE "gong_rate_slot" (
	"credential_key" text NOT NULL,
	"slot" integer NOT NULL,
	"free_at" bigint NOT NULL,
	CONSTRAINT "gong_rate_slot_credential_key_slot_pk" PRIMARY KEY("credential_key","slot")
);
