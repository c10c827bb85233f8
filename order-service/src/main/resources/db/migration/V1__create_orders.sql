create table orders (
    id             uuid primary key,
    customer_id    varchar(64)    not null,
    customer_email varchar(254)   not null,
    currency       char(3)        not null,
    total          numeric(19, 4) not null check (total >= 0),
    status         varchar(16)    not null check (status in ('PLACED', 'PAID', 'SHIPPED', 'CANCELLED')),
    cancel_reason  varchar(500),
    created_at     timestamptz    not null,
    updated_at     timestamptz    not null
);

create index orders_customer_created_idx on orders (customer_id, created_at desc);
create index orders_status_created_idx on orders (status, created_at desc);

create table order_lines (
    order_id   uuid           not null references orders (id) on delete cascade,
    line_no    int            not null,
    sku        varchar(64)    not null,
    quantity   int            not null check (quantity > 0),
    unit_price numeric(19, 4) not null check (unit_price >= 0),
    primary key (order_id, line_no)
);
