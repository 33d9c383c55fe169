"""The central records service: public record pages, the halls' sync API, the complaint desk."""
