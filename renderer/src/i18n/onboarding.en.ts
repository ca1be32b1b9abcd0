// The first-run guide: greenhouse, first zone, connecting nodes (English).
const onboarding = {
  onboarding: {
    title: 'Set up your farm',
    summary: 'Three short steps: a greenhouse, its first zone, then the nodes.',
    skip: 'Skip for now',
    stepOf: 'Step {n} of 3: {title}',
    nameRequired: 'Enter a name.',
    steps: {
      greenhouse: 'Greenhouse',
      zone: 'First zone',
      connect: 'Connect nodes',
    },
    greenhouse: {
      intro: 'A greenhouse groups zones that share a place and a clock.',
      name: 'Greenhouse name',
      namePlaceholder: 'e.g. North greenhouse',
      timezone: 'Time zone',
      timezoneHint: 'Lighting windows and day/night targets follow this clock.',
      submit: 'Create the greenhouse',
    },
    zone: {
      intro:
        'A zone in {greenhouse} is one water circuit: its tanks, its dosing and the plants it feeds.',
      name: 'Zone name',
      namePlaceholder: 'e.g. Tomatoes, bench 1',
      topology: 'Tank layout',
      topologyHint: {
        two_tank:
          'A clean-water tank and a solution tank: solution is prepared, then used for irrigation.',
        single_tank: 'One solution tank that is topped up and corrected in place.',
      },
      submit: 'Create the zone',
    },
    connect: {
      intro:
        'Zone "{zone}" is ready. Now point your ESP32 nodes at this controller; each one appears on the Nodes page, where you adopt it into the zone.',
      broker: 'Node broker',
      address: 'Broker address',
      lanAddress: "this computer's address on the farm network",
      port: 'Port',
      access: 'Who may connect',
      accessMode: {
        default:
          'Factory-fresh nodes may say hello; once adopted they log in with credentials the controller sends them.',
        onboarding:
          'Factory-fresh nodes must log in as "onboarding" with the onboarding password before they may say hello.',
        open: 'Anyone on the network may connect (for legacy nodes and test rigs).',
      },
      credential:
        'The onboarding password is set on the controller (HYDRO_MQTT_ONBOARDING_PASSWORD) and is never shown here; give it to the nodes together with the broker address.',
      realTitle: 'Real nodes',
      step1: 'Flash the hydro 2.0 node firmware and power the node.',
      step2:
        "Join the node's setup Wi-Fi, enter your farm Wi-Fi and the broker address and port above.",
      step3:
        'The node says hello and shows up as unassigned on the Nodes page: adopt it into this zone.',
      simTitle: 'Try it with simulated nodes',
      simIntro:
        'No hardware yet? Simulated pH, EC, tank, climate and light nodes join exactly like real ones. On this computer run:',
      demoHint: 'Or start the controller with "npx hydro serve --demo" for a ready-made demo zone.',
      openNodes: 'Open Nodes',
      finish: 'Go to the dashboard',
    },
  },
};

export default onboarding;
