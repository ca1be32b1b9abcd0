const en = {
  app: {
    name: 'Hydro',
    subtitle: 'Greenhouse controller',
  },
  nav: {
    label: 'Main navigation',
    open: 'Open navigation',
    growing: 'Growing',
    controller: 'Controller',
  },
  pages: {
    dashboard: {
      title: 'Dashboard',
      summary: 'Key readings, running cycles and open alerts across every zone at a glance.',
    },
    zones: {
      title: 'Zones',
      summary: 'Live state of each growing zone: pH, EC, water, climate and light, with controls.',
    },
    nodes: {
      title: 'Nodes',
      summary: 'ESP32 nodes on the farm network: status, channels, firmware and setup.',
    },
    recipes: {
      title: 'Recipes',
      summary: 'Growing recipes with phases and targets, and the grow cycles that run them.',
    },
    alerts: {
      title: 'Alerts',
      summary: 'Active and past alerts, with acknowledgement and notification history.',
    },
    history: {
      title: 'History',
      summary: 'Charts of sensor readings over hours, days and months.',
    },
    settings: {
      title: 'Settings',
      summary: 'Farm, notification, backup and data-retention settings.',
    },
    system: {
      title: 'System',
      summary: 'State of the services inside this controller, updated live.',
    },
    notFound: {
      title: 'Page not found',
      summary: 'There is no page at {path}.',
    },
  },
  upcoming: {
    title: 'Arrives with a later release',
    body: 'This page is not in this version of Hydro yet. Nothing here is simulated: when it arrives, it will show the real state of your farm.',
    openSystem: 'Check system health',
  },
  notFound: {
    back: 'Go to the dashboard',
  },
  connection: {
    label: 'Live connection to the controller',
    connecting: 'Connecting…',
    connected: 'Live',
    reconnecting: 'Reconnecting · attempt {attempt}',
    connectingHint: 'Opening the live connection to the controller.',
    connectedHint: 'Live updates from the controller are arriving.',
    reconnectingHint:
      'The live connection to the controller was lost; next try in {seconds} s. Values on screen may be out of date.',
  },
  theme: {
    toLight: 'Switch to the light theme',
    toDark: 'Switch to the dark theme',
  },
  language: {
    label: 'Interface language',
  },
  principal: {
    desktop: 'Signed in on this computer',
    token: 'Signed in with an API token',
  },
  roles: {
    admin: 'Administrator',
    agronomist: 'Agronomist',
    engineer: 'Engineer',
    operator: 'Operator',
    viewer: 'Viewer',
  },
  overallState: {
    starting: 'Starting',
    ok: 'All systems normal',
    degraded: 'Degraded',
    failed: 'Failed',
    stopping: 'Stopping',
  },
  componentState: {
    stopped: 'Stopped',
    starting: 'Starting',
    healthy: 'Healthy',
    degraded: 'Degraded',
    failed: 'Failed',
  },
  componentName: {
    backups: 'Backups',
    retention: 'Data retention',
    database: 'Database',
    broker: 'Node broker (MQTT)',
    'mqtt-bus': 'Core link to the broker',
    devices: 'Nodes and ingest',
    http: 'Web server and API',
  },
  system: {
    noConnection: 'No connection',
    unreachable: 'Not reachable',
    controller: 'Controller',
    version: 'Version',
    uptime: 'Uptime',
    startedAt: 'Started',
    components: 'Components',
    healthyCount: '{healthy} of {total} healthy',
    stateFor: '{state} for {duration}',
    sinceAt: 'In this state since {time}',
    metrics: 'Metrics',
    noDetail: 'No details reported',
    noComponents: 'The controller reports no components.',
    live: 'Updating live',
    paused: 'Connection lost. Showing the state as of {time}; it may have changed since.',
    loadFailed: 'Could not load the system state',
    retry: 'Retry',
  },
  duration: {
    days: '{n} d',
    hours: '{n} h',
    minutes: '{n} min',
    seconds: '{n} s',
  },
  errors: {
    network_error: 'The controller cannot be reached. Is Hydro running?',
    invalid_response: 'The controller sent a response this screen does not understand.',
  },
  common: {
    yes: 'yes',
    no: 'no',
  },
};

export type MessageSchema = typeof en;
export default en;
