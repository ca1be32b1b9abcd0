import type zoneSettingsEn from './zone-settings.en.js';

// The zone's Settings tab: its overrides of the recipe (Russian).
const zoneSettings: typeof zoneSettingsEn = {
  zoneSettings: {
    intro:
      'Переопределения рецепта только для этой зоны. Пустое поле — без переопределения: действует значение фазы рецепта.',
    recipeHint: 'Пусто: значение рецепта',
    recipeValue: 'Рецепт: {value}',
    notSet: 'Не задано',
    brightnessHint: 'Пусто: 100 % (для диммируемых светильников)',
    descriptionPlaceholder: 'Что здесь растёт, где находится зона…',
    section: {
      zone: 'Зона',
      irrigation: 'Полив (переопределение)',
      lighting: 'Освещение (переопределение)',
      climate: 'Климат (переопределение)',
      tanks: 'Баки',
      catchUp: 'Навёрстывание после простоя',
    },
    field: {
      name: 'Название',
      description: 'Описание',
      irrigation: {
        enabled: 'Полив включён',
        interval_sec: 'Интервал, с',
        duration_sec: 'Длительность, с',
        strategy: 'Стратегия',
        soil_moisture_min_pct: 'Влажность субстрата, мин., %',
        soil_moisture_max_pct: 'Влажность субстрата, макс., %',
      },
      lighting: {
        enabled: 'Свет включён',
        photoperiod_hours: 'Фотопериод, ч',
        brightness_pct: 'Яркость, %',
        start_time: 'Включение света (ЧЧ:ММ)',
      },
      climate: {
        enabled: 'Климат-контроль включён',
        temp_air_day: 'Температура воздуха днём, °C',
        temp_air_night: 'Температура воздуха ночью, °C',
        humidity_day: 'Влажность днём, %',
        humidity_night: 'Влажность ночью, %',
      },
      tanks: {
        clean_volume_l: 'Бак чистой воды, л',
        solution_volume_l: 'Бак раствора, л',
      },
    },
    strategy: {
      recipe: 'Стратегия рецепта',
      task: 'Каждый запуск по расписанию',
      smart_soil_v1: 'По влажности субстрата',
    },
    catchUp: {
      skip: 'Только последний',
      replay_limited: 'Последние три (по умолчанию)',
      replay_all: 'Все пропущенные',
    },
    catchUpHint: {
      skip: 'После простоя контроллера навёрстывается только последний пропущенный запуск каждого расписания по времени.',
      replay_limited:
        'Навёрстываются до трёх последних пропущенных запусков каждого расписания по времени.',
      replay_all:
        'Навёрстываются все запуски, пропущенные за время простоя, сколько бы их ни было.',
    },
    problem: {
      required: 'Обязательное поле',
      tooLong: 'Не более {max} символов',
      range: 'От {min} до {max}',
      integer: 'Целое число',
      minBelowMax: 'Минимум должен быть меньше максимума',
      time: 'Формат ЧЧ:ММ, 24 ч',
    },
    save: 'Сохранить настройки',
    saved: 'Настройки зоны сохранены.',
    fixFirst: 'Сначала исправьте отмеченные поля.',
  },
};

export default zoneSettings;
