import { Field, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

/** Checked in full by the domain (checkBankDetails); the lengths here only bound what is read. */
@InputType()
export class BankDetailsInput {
  @Field({ description: 'The name the account is held in, as the bank knows it (at most 70 characters)' })
  @IsString()
  @MaxLength(200)
  accountHolder: string;

  @Field({ description: 'IBAN; spaces allowed' })
  @IsString()
  @MaxLength(64)
  iban: string;

  @Field({ description: 'BIC (SWIFT code), 8 or 11 characters' })
  @IsString()
  @MaxLength(20)
  bic: string;
}
