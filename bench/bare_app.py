"""The yardstick: a bare Textual app with the same widgets as the caseload
screen (Header, DataTable with the same columns, Footer) and no database."""

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

COLUMNS = ("Name", "Target group", "CTI", "Last contact", "Next due", "Overdue")


class BareApp(App):
    TITLE = "enplan"

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)


if __name__ == "__main__":
    BareApp().run()
