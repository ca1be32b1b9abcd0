import access from './access.ru.js';
import automation, { automationErrors } from './automation.ru.js';
import controller from './controller.ru.js';
import data from './data.ru.js';
import devices from './devices.ru.js';
import grow, { growErrors } from './grow.ru.js';
import workspace from './workspace.ru.js';
import onboarding from './onboarding.ru.js';
import setup from './setup.ru.js';
import zones from './zones.ru.js';
import zoneSettings from './zone-settings.ru.js';
import type { MessageSchema } from './en.js';

const ru: MessageSchema = {
  app: {
    name: 'Hydro',
    subtitle: 'Контроллер теплицы',
  },
  nav: {
    label: 'Основная навигация',
    open: 'Открыть меню',
    growing: 'Выращивание',
    controller: 'Контроллер',
  },
  pages: {
    dashboard: {
      title: 'Обзор',
      summary: 'Главные показания, идущие циклы и открытые тревоги по всем зонам на одном экране.',
    },
    zones: {
      title: 'Зоны',
      summary: 'Текущее состояние каждой зоны: pH, EC, вода, климат и свет, с управлением.',
    },
    nodes: {
      title: 'Узлы',
      summary: 'Узлы ESP32 в сети хозяйства: статус, каналы, прошивка и настройка.',
    },
    recipes: {
      title: 'Рецепты',
      summary: 'Рецепты выращивания с фазами и целевыми значениями и циклы, которые их выполняют.',
    },
    alerts: {
      title: 'Тревоги',
      summary:
        'Активные и прошлые тревоги: фильтры, закрытие одной или многих; новые появляются сразу.',
    },
    history: {
      title: 'История',
      summary: 'Графики показаний датчиков за часы, дни и месяцы.',
    },
    settings: {
      title: 'Настройки',
      summary: 'Настройки хозяйства, уведомлений, резервных копий и хранения данных.',
    },
    system: {
      title: 'Система',
      summary: 'Состояние служб внутри этого контроллера, обновляется в реальном времени.',
    },
    notFound: {
      title: 'Страница не найдена',
      summary: 'По адресу {path} страницы нет.',
    },
  },
  upcoming: {
    title: 'Появится в одном из следующих выпусков',
    body: 'Этой страницы ещё нет в этой версии Hydro. Здесь ничего не имитируется: когда она появится, на ней будет реальное состояние вашего хозяйства.',
    openSystem: 'Состояние системы',
  },
  notFound: {
    back: 'На главную',
  },
  connection: {
    label: 'Соединение с контроллером',
    connecting: 'Подключение…',
    connected: 'Онлайн',
    reconnecting: 'Переподключение · попытка {attempt}',
    connectingHint: 'Открывается соединение с контроллером для обновлений в реальном времени.',
    connectedHint: 'Обновления от контроллера поступают в реальном времени.',
    reconnectingHint:
      'Соединение с контроллером потеряно; следующая попытка через {seconds} с. Значения на экране могут быть устаревшими.',
  },
  theme: {
    toLight: 'Включить светлую тему',
    toDark: 'Включить тёмную тему',
  },
  language: {
    label: 'Язык интерфейса',
  },
  principal: {
    desktop: 'Вход выполнен на этом компьютере',
    token: 'Вход выполнен по API-токену',
    session: 'Вход по вашей учётной записи',
  },
  roles: {
    admin: 'Администратор',
    agronomist: 'Агроном',
    engineer: 'Инженер',
    operator: 'Оператор',
    viewer: 'Наблюдатель',
  },
  overallState: {
    starting: 'Запуск',
    ok: 'Все системы в норме',
    degraded: 'Работа с ограничениями',
    failed: 'Сбой',
    stopping: 'Остановка',
  },
  componentState: {
    stopped: 'Остановлен',
    starting: 'Запуск',
    healthy: 'В норме',
    degraded: 'С ограничениями',
    failed: 'Сбой',
  },
  componentName: {
    backups: 'Резервные копии',
    retention: 'Хранение данных',
    database: 'База данных',
    broker: 'Брокер узлов (MQTT)',
    'mqtt-bus': 'Связь ядра с брокером',
    devices: 'Узлы и приём данных',
    http: 'Веб-сервер и API',
    access: 'Пользователи и вход',
    events: 'Журнал событий',
    alerts: 'Тревоги',
    notifications: 'Уведомления',
    'telemetry-queue': 'Очередь записи телеметрии',
    cycles: 'Циклы выращивания',
  },
  system: {
    noConnection: 'Нет связи',
    unreachable: 'Недоступен',
    controller: 'Контроллер',
    version: 'Версия',
    uptime: 'Время работы',
    startedAt: 'Запущен',
    components: 'Компоненты',
    healthyCount: 'В норме: {healthy} из {total}',
    stateFor: '{state} уже {duration}',
    sinceAt: 'В этом состоянии с {time}',
    metrics: 'Показатели',
    noDetail: 'Подробностей нет',
    noComponents: 'Контроллер не сообщает ни об одном компоненте.',
    live: 'Обновляется в реальном времени',
    paused: 'Связь потеряна. Показано состояние на {time}; с тех пор оно могло измениться.',
    loadFailed: 'Не удалось загрузить состояние системы',
    retry: 'Повторить',
  },
  duration: {
    days: '{n} д',
    hours: '{n} ч',
    minutes: '{n} мин',
    seconds: '{n} с',
  },
  errors: {
    network_error: 'Контроллер недоступен. Запущен ли Hydro?',
    invalid_response: 'Контроллер прислал ответ, который этот экран не понимает.',
    unauthenticated: 'Вы не вошли в систему, или сеанс закончился.',
    forbidden: 'Вашей роли это не разрешено.',
    invalid_credentials: 'Неверная эл. почта или пароль.',
    too_many_requests: 'Слишком много попыток. Подождите минуту и попробуйте снова.',
    setup_complete: 'Администратор уже создан. Войдите в систему.',
    node_not_found: 'Такого узла нет.',
    node_not_bound: 'Узел не назначен в зону и не принимает команд.',
    node_offline: 'Узел не в сети.',
    invalid_params: 'Узел отклонит такие параметры.',
    validation_failed: 'Некоторые поля заполнены неверно.',
    backups_external: 'Данные контроллера хранятся в PostgreSQL; делайте копии через pg_dump.',
    origin_not_allowed: 'Запрос пришёл с другого сайта и отклонён.',
    ...growErrors,
    ...automationErrors,
  },
  ...devices,
  ...data,
  ...access,
  ...grow,
  ...workspace,
  ...zones,
  ...zoneSettings,
  ...automation,
  ...onboarding,
  ...setup,
  ...controller,
  common: {
    yes: 'да',
    no: 'нет',
    cancel: 'Отмена',
    retry: 'Повторить',
  },
};

export default ru;
