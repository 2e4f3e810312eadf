import type { ReactNode } from 'react';
import { PasswordInput, TextInput } from '@mantine/core';
import { t } from '../../i18n';
import { MIN_PASSWORD_LENGTH } from './account-rules';

interface PersonFieldsProps {
  fullName: string;
  onFullName: (value: string) => void;
  password: string;
  onPassword: (value: string) => void;
  labels: { fullName: string; password: string; passwordHint: string };
  /** The form was sent once: a password too short is then said so. */
  submitted: boolean;
  /** The API's messages for these fields. */
  errors: { fullName?: string; password?: string };
  /** Fields shown between the name and the password (sign-up's e-mail). */
  children?: ReactNode;
}

/** A new person's name and password, as sign-up and an invitation ask them. */
export function PersonFields(props: PersonFieldsProps) {
  const { labels, errors } = props;
  const tooShort = props.submitted && props.password.length < MIN_PASSWORD_LENGTH;
  return (
    <>
      <TextInput
        label={labels.fullName}
        required
        autoComplete="name"
        value={props.fullName}
        onChange={(e) => props.onFullName(e.currentTarget.value)}
        error={errors.fullName}
      />
      {props.children}
      <PasswordInput
        label={labels.password}
        description={labels.passwordHint}
        required
        autoComplete="new-password"
        value={props.password}
        onChange={(e) => props.onPassword(e.currentTarget.value)}
        error={tooShort ? t.public.signUp.passwordTooShort : errors.password}
      />
    </>
  );
}
