-- A key shared by every replica, for signing paging cursors and VAC-compatible access tokens.
create table gateway_secret (
    name  text primary key,
    value text not null
);
insert into gateway_secret (name, value)
values ('signing-key', md5(random()::text || clock_timestamp()::text) || md5(clock_timestamp()::text || random()::text));
