import type controllerEn from './controller.en.js';

// Settings → Controller and System → Recent logs (Russian).
const controller: typeof controllerEn = {
  controllerSettings: {
    tab: 'Контроллер',
    title: 'Как работает этот контроллер',
    summary:
      'Только для чтения: эти параметры задаются при запуске контроллера. Измените их в config.json в папке данных, переменной окружения или флагом запуска, затем перезапустите контроллер.',
    loadFailed: 'Не удалось загрузить настройки контроллера',
    refresh: 'Обновить',
    changeWith: 'Как изменить',
    envOnly: 'только переменной окружения',
    groups: {
      http: 'Веб-интерфейс и API',
      broker: 'Брокер узлов (MQTT)',
      storage: 'Данные',
    },
    rows: {
      httpPort: 'Веб-порт',
      httpBind: 'Слушает адрес',
      lan: 'Доступ из локальной сети',
      allowedHosts: 'Дополнительные имена хоста',
      brokerKind: 'Брокер',
      mqttPort: 'Порт брокера',
      mqttBind: 'Брокер слушает адрес',
      access: 'Кто может подключаться',
      onboardingPassword: 'Пароль подключения новых узлов',
      tls: 'Шифрование (TLS)',
      database: 'База данных',
      dataDir: 'Папка данных',
      logLevel: 'Подробность журнала',
    },
    values: {
      portPicked: 'свободный порт, выбранный при запуске (см. «Система»)',
      everyInterface: '{bind} (все сетевые интерфейсы)',
      loopbackOnly: '{bind} (только этот компьютер)',
      lanOn: 'включён: интерфейс открывается с других устройств в сети',
      lanOff: 'выключен: интерфейс открывается только на этом компьютере',
      none: 'нет',
      embedded: 'встроенный',
      external: 'внешний, {url}',
      unusedExternal: 'не используется: работает внешний брокер',
      accessDefault:
        'обычный: известные узлы входят со своими секретами, новые узлы сообщают о себе',
      accessOnboarding: 'с паролем: новые узлы должны также предъявить пароль подключения',
      accessOpen: 'открытый: подключиться может любой в сети (только для проверки)',
      passwordSet: 'задан',
      passwordNotSet: 'не задан',
      tlsOn: 'включено (mqtts:// к внешнему брокеру)',
      tlsOff: 'выключено: встроенный брокер работает по обычному MQTT',
      tlsHint:
        'Встроенный брокер не поддерживает TLS. Чтобы шифровать трафик узлов, запустите внешний брокер с TLS и укажите его в mqtt.url как mqtts://.',
      sqlite: 'файл SQLite в папке данных',
      postgres: 'сервер PostgreSQL',
    },
  },
  recentLogs: {
    title: 'Последние записи журнала',
    summary: 'Новейшие строки журнала контроллера, сначала самые свежие.',
    level: 'Минимальный уровень',
    refresh: 'Обновить',
    loadFailed: 'Не удалось загрузить журнал',
    empty: 'Нет записей этого уровня.',
    time: 'Время',
    module: 'Модуль',
    message: 'Сообщение',
    core: 'ядро',
    levels: {
      trace: 'Трассировка',
      debug: 'Отладка',
      info: 'Инфо',
      warn: 'Предупреждение',
      error: 'Ошибка',
      fatal: 'Авария',
    },
  },
};

export default controller;
