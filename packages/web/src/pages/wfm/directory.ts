/** Teams and (where readable) users of the tenant, for names on the WFM pages. */
import { allUsers, api, type Team, type User } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { useLoad } from '../../lib/useLoad.ts';

export interface Directory {
  teams: Team[];
  users: Map<string, User>;
}

export function useDirectory() {
  const { can } = useAuth();
  const readTeams = can('teams.read');
  const readUsers = can('users.read');
  return useLoad<Directory>(async () => {
    const [teams, users] = await Promise.all([
      readTeams ? api.teams().then((list) => list.items) : Promise.resolve([] as Team[]),
      readUsers ? allUsers().catch(() => [] as User[]) : Promise.resolve([] as User[]),
    ]);
    return { teams, users: new Map(users.map((user) => [user.id, user])) };
  }, [readTeams, readUsers]);
}
