"""Demo data for every app (``manage.py demo``), on the top floor: nothing imports it.

``stories`` holds the people's stories and the staff; ``builder`` takes each person through
the same services the screens use; ``networks``, ``outcomes`` and ``directory`` add the
networks that grow, the outcomes that change over time and the community resources."""
