from __future__ import annotations

app_name = "pairs"

urlpatterns: list = []
