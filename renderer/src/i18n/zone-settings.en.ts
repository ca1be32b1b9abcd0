// The zone's Settings tab: its overrides of the recipe (English).
const zoneSettings = {
  zoneSettings: {
    intro:
      "Overrides of the recipe for this zone only. An empty field means no override: the recipe phase's value applies.",
    recipeHint: "Empty: the recipe's value",
    recipeValue: 'Recipe: {value}',
    notSet: 'Not set',
    brightnessHint: 'Empty: 100 % (dimmable lights)',
    descriptionPlaceholder: 'What grows here, where the zone is…',
    section: {
      zone: 'Zone',
      irrigation: 'Irrigation override',
      lighting: 'Lighting override',
      climate: 'Climate override',
      tanks: 'Tanks',
      catchUp: 'Catch-up after downtime',
    },
    field: {
      name: 'Name',
      description: 'Description',
      irrigation: {
        enabled: 'Irrigation runs',
        interval_sec: 'Interval, s',
        duration_sec: 'Duration, s',
        strategy: 'Strategy',
        soil_moisture_min_pct: 'Soil moisture min, %',
        soil_moisture_max_pct: 'Soil moisture max, %',
      },
      lighting: {
        enabled: 'Lights run',
        photoperiod_hours: 'Photoperiod, h',
        brightness_pct: 'Brightness, %',
        start_time: 'Lights on at (HH:MM)',
      },
      climate: {
        enabled: 'Climate control runs',
        temp_air_day: 'Air temperature by day, °C',
        temp_air_night: 'Air temperature at night, °C',
        humidity_day: 'Humidity by day, %',
        humidity_night: 'Humidity at night, %',
      },
      tanks: {
        clean_volume_l: 'Clean water tank, L',
        solution_volume_l: 'Solution tank, L',
      },
    },
    strategy: {
      recipe: "The recipe's strategy",
      task: 'Every scheduled run',
      smart_soil_v1: 'By soil moisture',
    },
    catchUp: {
      skip: 'Latest only',
      replay_limited: 'Last three (default)',
      replay_all: 'Every missed run',
    },
    catchUpHint: {
      skip: 'After the controller was off, only the latest missed run of each time schedule is made up.',
      replay_limited: 'Up to the last three missed runs of each time schedule are made up.',
      replay_all: 'Every run missed while the controller was off is made up, however many.',
    },
    problem: {
      required: 'Required',
      tooLong: 'At most {max} characters',
      range: 'From {min} to {max}',
      integer: 'A whole number',
      minBelowMax: 'The minimum must be below the maximum',
      time: 'Use HH:MM, 24 h',
    },
    save: 'Save settings',
    saved: 'Zone settings saved.',
    fixFirst: 'Fix the marked fields first.',
  },
};

export default zoneSettings;
