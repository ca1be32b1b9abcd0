// Sign-in, first-run setup and role permissions (English).
const access = {
  auth: {
    email: 'Email',
    emailPlaceholder: "you{'@'}example.com",
    password: 'Password',
    name: 'Your name',
    signOut: 'Sign out',
    login: {
      title: 'Sign in',
      summary: 'Sign in to this Hydro controller.',
      submit: 'Sign in',
      hint: 'Forgot the password? Ask an administrator of this controller to set a new one.',
    },
    setup: {
      title: 'Create the administrator',
      summary:
        'This controller has no accounts yet. The first one is the administrator, who can add the rest of the team later.',
      repeat: 'Repeat the password',
      submit: 'Create and sign in',
      nameRequired: 'Enter a name.',
      emailInvalid: 'Enter an email address.',
      passwordShort: 'Use at least {n} characters.',
      passwordRule: 'At least {n} characters.',
      passwordMismatch: 'The passwords differ.',
    },
  },
  access: {
    denied: 'Your role ({role}) may not {action}. Roles that may: {roles}.',
    noRole: 'not signed in',
    action: {
      view: 'view the farm',
      devices: {
        view_unassigned: 'see nodes that are not in a zone',
        configure: 'adopt, bind or detach nodes',
      },
      commands: {
        send: 'send commands to nodes',
      },
      alerts: {
        resolve: 'resolve alerts',
      },
      setup: {
        edit: 'edit greenhouses, zones and nodes',
      },
      recipes: {
        edit: 'edit recipes',
      },
      cycles: {
        manage: 'manage grow cycles',
      },
      schedules: {
        edit: 'edit schedules',
      },
      calibration: {
        run: 'calibrate sensors and pumps',
      },
      system: {
        diagnostics: 'see automation diagnostics',
        admin: 'manage users, backups and controller settings',
      },
      logs: {
        view: 'read the service logs',
      },
    },
  },
};

export default access;
