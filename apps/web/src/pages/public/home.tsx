import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { t } from '../../i18n';

export function HomePage() {
  return (
    <Stack maw={720} gap="md">
      <Title order={1}>{t.public.home.title}</Title>
      <Text>{t.public.home.intro}</Text>
      <Button component={Link} to="/fournisseurs-certifies" w="fit-content">
        {t.public.home.seeSuppliers}
      </Button>
    </Stack>
  );
}
