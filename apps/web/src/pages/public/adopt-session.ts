import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { useSession } from '../../session/session';

/**
 * After sign-up or an accepted invitation: the session GraphQL opened becomes the console's (cookie),
 * a welcome is shown, and the person lands on `path`.
 */
export function useAdoptSession() {
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [adopting, setAdopting] = useState(false);
  const adoptAndGo = async (refreshToken: string, welcome: string, path: string) => {
    setAdopting(true);
    try {
      await adopt(refreshToken);
      notifications.show({ color: 'green', message: welcome });
      void navigate(path, { replace: true });
    } finally {
      setAdopting(false);
    }
  };
  return { adopting, adoptAndGo };
}
