/// placeholder
public enum Launcher {}
