import type accessEn from './access.en.js';

// Sign-in, first-run setup and role permissions (Russian).
const access: typeof accessEn = {
  auth: {
    email: 'Эл. почта',
    emailPlaceholder: "ivan{'@'}example.com",
    password: 'Пароль',
    name: 'Ваше имя',
    signOut: 'Выйти',
    login: {
      title: 'Вход',
      summary: 'Войдите в этот контроллер Hydro.',
      submit: 'Войти',
      hint: 'Забыли пароль? Попросите администратора этого контроллера задать новый.',
    },
    setup: {
      title: 'Создание администратора',
      summary:
        'На этом контроллере ещё нет учётных записей. Первая станет администратором, который потом добавит остальных.',
      repeat: 'Повторите пароль',
      submit: 'Создать и войти',
      nameRequired: 'Введите имя.',
      emailInvalid: 'Введите адрес эл. почты.',
      passwordShort: 'Не меньше {n} символов.',
      passwordRule: 'Не меньше {n} символов.',
      passwordMismatch: 'Пароли не совпадают.',
    },
  },
  access: {
    denied: 'Ваша роль ({role}) не позволяет {action}. Это могут роли: {roles}.',
    noRole: 'вход не выполнен',
    action: {
      view: 'просматривать хозяйство',
      devices: {
        view_unassigned: 'видеть узлы вне зон',
        configure: 'принимать, привязывать и отвязывать узлы',
      },
      commands: {
        send: 'отправлять команды узлам',
      },
      alerts: {
        resolve: 'закрывать тревоги',
      },
      setup: {
        edit: 'изменять теплицы, зоны и узлы',
      },
      recipes: {
        edit: 'изменять рецепты',
      },
      cycles: {
        manage: 'управлять циклами выращивания',
      },
      schedules: {
        edit: 'изменять расписания',
      },
      calibration: {
        run: 'калибровать датчики и насосы',
      },
      system: {
        diagnostics: 'видеть диагностику автоматики',
        admin: 'управлять пользователями, резервными копиями и настройками контроллера',
      },
      logs: {
        view: 'читать журналы служб',
      },
    },
  },
};

export default access;
