// The app shell: subscribes to engine events and menu commands once, then shows the welcome screen or the open project.
import { useEffect } from 'react';
import { api } from './api/create-client';
import { RecoverDialog } from './components/recover-dialog';
import { Toasts } from './components/toasts';
import { ProjectScreen } from './screens/project-screen';
import { WelcomeScreen } from './screens/welcome-screen';
import { refreshProject, setConnection, useAppStore } from './state/app-store';
import { handleFinished, handleProgress } from './state/jobs-store';
import { runMenuCommand } from './state/menu-commands';

export function App() {
  const hasProject = useAppStore((s) => s.project !== null);

  useEffect(() => {
    const client = api();
    const offs = [
      client.on('job.progress', handleProgress),
      client.on('job.finished', handleFinished),
      client.on('project.changed', ({ projectId }) => {
        if (useAppStore.getState().project?.projectId === projectId) void refreshProject(projectId);
      }),
      client.onConnection(setConnection),
      // A dialog that is open keeps the user's attention: the menu does not stack another flow on it.
      client.onMenuCommand((command) => {
        if (!document.querySelector('dialog[open]')) runMenuCommand(command);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  return (
    <>
      {hasProject ? <ProjectScreen /> : <WelcomeScreen />}
      <RecoverDialog />
      <Toasts />
    </>
  );
}
