-- Reserved for the domain work (greenhouse and zone settings, bindings, recipes, cycles); filled in before it lands.
SELECT 1;
