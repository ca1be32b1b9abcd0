import type dataEn from './data.en.js';

// History charts, backups, storage and retention, System throughput (Russian).
const data: typeof dataEn = {
  history: {
    series: 'Ряды',
    pickSeries: 'Выберите каналы датчиков…',
    compare: 'Сравнить зоны по…',
    compareOption: '{metric} · зон с этим датчиком: {zones}',
    noZone: 'Без зоны',
    range: 'Период',
    customRange: 'Свой период',
    refresh: 'Обновить',
    presets: {
      '1h': '1 ч',
      '24h': '24 ч',
      '7d': '7 дн',
      '30d': '30 дн',
      custom: 'Свой',
    },
    loadFailed: 'Не удалось загрузить историю',
    nothingPicked: 'Выберите один или несколько каналов датчиков для графика.',
    noData: 'За этот период показаний нет.',
    tooltipValue: '{avg} (от {min} до {max})',
    exportCsv: 'CSV за показанный период:',
    exportOne: 'Скачать исходные показания {series} в CSV',
  },
  dataSettings: {
    tab: 'Данные',
    backups: {
      title: 'Резервные копии',
      schedule: 'Копия создаётся каждые {hours} ч; старые удаляются по очереди.',
      scheduleOff: 'Копирование по расписанию выключено.',
      where: 'Файлы хранятся в папке backups каталога данных.',
      now: 'Создать копию',
      made: 'Резервная копия {name} создана.',
      none: 'Резервных копий ещё нет.',
      download: 'Скачать',
      loadFailed: 'Не удалось получить список копий',
      restore: 'Восстановить',
      restoreTitle: 'Восстановить {name}?',
      restoreConfirm:
        'Всё, что записано после этой копии, будет заменено её содержимым. Текущие данные сначала сохраняются как копия pre-restore, затем контроллер перезапускает свои службы (несколько секунд).',
      restoring: 'Копия {name} проверена; контроллер перезапускается на ней.',
    },
    usage: {
      title: 'Место на диске',
      total: 'Всего на диске: {size}',
      what: 'Содержимое',
      size: 'Размер',
      loadFailed: 'Не удалось узнать занятое место',
    },
    groups: {
      readings: 'Показания датчиков',
      devices: 'Узлы и команды',
      alerts: 'Тревоги и события',
      farm: 'Хозяйство, рецепты и циклы',
      accounts: 'Пользователи и входы',
      internal: 'Служебное',
    },
    retention: {
      title: 'Хранение данных',
      readOnly:
        'Сколько хранятся показания. Задаётся в config.json (retention); здесь только для просмотра.',
      raw: 'Исходные показания',
      minute: 'Средние за минуту',
      hour: 'Средние за час',
      day: 'Средние за сутки',
      days: '{n} дн.',
      forever: 'бессрочно',
      lastRun: 'Последняя очистка {time}: удалено строк: {rows}.',
      neverRun: 'Очистка ещё не запускалась.',
    },
  },
  throughput: {
    title: 'Пропускная способность',
    ingest: 'Приём данных',
    queue: 'Очередь приёма',
    clients: 'Клиенты брокера',
    perSecond: '{n} изм./с',
    measuring: 'измеряется…',
  },
};

export default data;
