-- Reserved for the access-control work (users, sessions, tokens, audit); filled in before it lands.
SELECT 1;
